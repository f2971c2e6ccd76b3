package org.rscale.sweeps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeString(f, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IllegalStateException("crash while writing");
        }));
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void theFirstPublishedDirectoryWins(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("cell");
        Path a = Files.createDirectory(dir.resolve(".a"));
        Files.writeString(a.resolve("x"), "first");
        Path b = Files.createDirectory(dir.resolve(".b"));
        Files.writeString(b.resolve("x"), "second");
        assertTrue(AtomicFiles.publishDirectory(a, target));
        assertFalse(AtomicFiles.publishDirectory(b, target));
        assertEquals("first", Files.readString(target.resolve("x")));
        assertFalse(Files.exists(b), "the loser's staging directory is removed");
    }
}
