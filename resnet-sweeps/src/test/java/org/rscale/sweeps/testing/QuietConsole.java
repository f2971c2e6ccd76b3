package org.rscale.sweeps.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which library code printed to {@code System.out} or {@code System.err}:
 * results go to files and the CLI's writers, never to the process streams.
 * Use with {@code @ExtendWith(QuietConsole.class)}.
 */
public final class QuietConsole implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(QuietConsole.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        ExtensionContext.Store store = context.getStore(NS);
        store.put("out", System.out);
        store.put("err", System.err);
        store.put("buffer", buffer);
        System.setOut(capture);
        System.setErr(capture);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NS);
        System.setOut(store.get("out", PrintStream.class));
        System.setErr(store.get("err", PrintStream.class));
        String printed = store.get("buffer", ByteArrayOutputStream.class).toString(StandardCharsets.UTF_8);
        if (!printed.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("library code printed to the console during "
                    + context.getDisplayName() + ":\n" + printed);
        }
    }
}
