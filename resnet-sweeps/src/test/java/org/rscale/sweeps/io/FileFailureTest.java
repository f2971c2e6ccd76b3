package org.rscale.sweeps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Failed file operations say the system's reason and the path; a full disk is recognised from the
 * kernel's own error.
 */
class FileFailureTest {

    @Test
    void permissionDeniedAndOtherReasonsNameThePath() {
        // the JDK's AccessDeniedException carries only the path (its message is the path alone)
        AccessDeniedException denied = new AccessDeniedException("/scratch/x/runs");
        assertEquals("/scratch/x/runs", denied.getMessage());
        assertEquals("Permission denied: /scratch/x/runs", FileFailure.describe(denied));
        assertEquals("No such file or directory: /a", FileFailure.describe(new NoSuchFileException("/a")));
        assertEquals("Read-only file system: /a -> /b",
                FileFailure.describe(new FileSystemException("/a", "/b", "Read-only file system")));
        assertEquals("Input/output error", FileFailure.describe(new IOException("Input/output error")));
    }

    @Test
    void permissionDeniedFromTheFileSystemSaysSo(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root is never denied");
        Path locked = Files.createDirectories(dir.resolve("locked"));
        assumeTrue(locked.toFile().setWritable(false, false));
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> AtomicFiles.writeString(locked.resolve("f.txt"), "x"));
            assertTrue(e.getMessage().contains("Permission denied") && e.getMessage().contains(locked.toString()),
                    e.getMessage());
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @Test
    void aWriteToAFullDeviceIsRecognisedAsADiskFull() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "Linux's /dev/full answers every write with ENOSPC");
        IOException enospc = assertThrows(IOException.class, () -> {
            try (FileOutputStream out = new FileOutputStream(full.toFile())) {
                out.write(new byte[16]);
                out.flush();
            }
        });
        assertTrue(FileFailure.isDiskFull(enospc), enospc.getMessage());
        assertTrue(FileFailure.isDiskFull(new UncheckedIOException("cannot write x", enospc)), "through causes");
        UncheckedIOException wrapped = DiskFullException.orFailure(Path.of("/s/runs/x/A.npy"), enospc);
        assertTrue(wrapped instanceof DiskFullException);
        assertTrue(wrapped.getMessage().startsWith("disk full: cannot write /s/runs/x/A.npy"), wrapped.getMessage());
        assertTrue(FileFailure.isDiskFull(new FileSystemException("/q", null, "Disk quota exceeded")));
        assertFalse(FileFailure.isDiskFull(new IOException("Input/output error")));
        assertFalse(DiskFullException.orFailure(Path.of("/x"), new IOException("Input/output error"))
                instanceof DiskFullException);
    }
}
