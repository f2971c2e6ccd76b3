package org.rscale.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven over the DevTools protocol with Java's own HTTP and WebSocket client: open a page,
 * collect its console errors and uncaught exceptions, evaluate JavaScript, take screenshots. Started with the
 * flags that work as root in a container (no sandbox, no GPU, no network services, a fresh profile).
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> loads = new CopyOnWriteArrayList<>();

    /**
     * @return the Chromium executable on this machine, or null
     */
    static String find() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /**
     * Starts Chromium on a blank page and attaches to it.
     *
     * @param executable the browser
     * @param scratch    a directory for the profile
     * @throws IOException when the browser does not start or does not answer
     */
    HeadlessChromium(String executable, Path scratch) throws IOException, InterruptedException {
        profile = Files.createTempDirectory(scratch, "chromium-profile");
        process = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--window-size=1280,1000", "about:blank")
                .redirectErrorStream(true).start();
        String browserUrl = awaitListening();
        URI http = URI.create("http://" + URI.create(browserUrl).getAuthority());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String page = null;
        for (int attempt = 0; attempt < 50 && page == null; attempt++) {
            HttpResponse<String> list = client.send(HttpRequest.newBuilder(http.resolve("/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(list.body())) {
                if ("page".equals(t.path("type").asText())) {
                    page = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                Thread.sleep(100);
            }
        }
        if (page == null) {
            close();
            throw new IOException("chromium opened no page");
        }
        socket = client.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).join();
        call("Runtime.enable", null);
        call("Log.enable", null);
        call("Page.enable", null);
    }

    private String awaitListening() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // keep draining the browser's output so it never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // discard
                        }
                    } catch (IOException e) {
                        // the browser is gone
                    }
                }, "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        process.destroyForcibly();
        throw new IOException("chromium did not start its DevTools server:\n" + seen);
    }

    /**
     * Sends a DevTools command and waits for its result.
     *
     * @param method the method, e.g. {@code Page.navigate}
     * @param params its parameters, or null
     * @return the result
     */
    JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        if (params != null) {
            msg.set("params", params);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(msg.toString(), true).join();
        JsonNode reply = f.orTimeout(120, TimeUnit.SECONDS).join();
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    /**
     * Opens a URL and waits for its load event.
     *
     * @param url the URL
     */
    void open(String url) {
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        loads.add(loaded);
        ObjectNode p = JSON.createObjectNode();
        p.put("url", url);
        call("Page.navigate", p);
        loaded.orTimeout(120, TimeUnit.SECONDS).join();
    }

    /**
     * Lays the open page out again in a window of the given size (as a desktop browser window, scroll bars
     * included).
     *
     * @param width  the window's width in CSS pixels
     * @param height its height
     */
    void viewport(int width, int height) {
        ObjectNode p = JSON.createObjectNode();
        p.put("width", width);
        p.put("height", height);
        p.put("deviceScaleFactor", 1);
        p.put("mobile", false);
        call("Emulation.setDeviceMetricsOverride", p);
    }

    /**
     * Lays the page out for a media type, as printing does.
     *
     * @param media {@code print}, {@code screen}, or empty for the default
     */
    void media(String media) {
        ObjectNode p = JSON.createObjectNode();
        p.put("media", media);
        call("Emulation.setEmulatedMedia", p);
    }

    /**
     * @param expression JavaScript
     * @return its value (JSON-serialisable values only)
     */
    JsonNode evaluate(String expression) {
        ObjectNode p = JSON.createObjectNode();
        p.put("expression", expression);
        p.put("returnByValue", true);
        p.put("awaitPromise", true);
        JsonNode r = call("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * Saves a screenshot of the whole page, or of a region of it.
     *
     * @param file   the PNG
     * @param region {x, y, width, height} in CSS pixels, or null for the whole page
     */
    void screenshot(Path file, double[] region) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("format", "png");
        p.put("captureBeyondViewport", true);
        double[] r = region;
        if (r == null) {
            JsonNode size = evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
            r = new double[] {0, 0, size.get(0).asDouble(), size.get(1).asDouble()};
        }
        ObjectNode clip = p.putObject("clip");
        clip.put("x", r[0]);
        clip.put("y", r[1]);
        clip.put("width", r[2]);
        clip.put("height", r[3]);
        clip.put("scale", 1);
        JsonNode shot = call("Page.captureScreenshot", p);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** @return every console error, uncaught exception and error log entry so far */
    List<String> errors() {
        return new ArrayList<>(errors);
    }

    @Override
    public void close() throws IOException {
        try {
            if (socket != null) {
                socket.abort();
            }
        } finally {
            // chromium's helper processes write into the profile until they exit: stop them all before deleting it
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                for (ProcessHandle c : children) {
                    c.destroy();
                    try {
                        c.onExit().get(5, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException e) {
                        c.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                Thread.currentThread().interrupt();
            }
            deleteProfile();
        }
    }

    /** Deletes the profile, tolerating files that vanish while it is walked (a last helper's lock or temp file). */
    private void deleteProfile() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (var s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                return;
            } catch (NoSuchFileException e) {
                return; // the profile itself is gone
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Routes replies to their callers and records errors and load events. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    handle(JSON.readTree(text));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }

        private void handle(JsonNode msg) {
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                if (f != null) {
                    f.complete(msg);
                }
                return;
            }
            String method = msg.path("method").asText();
            JsonNode p = msg.path("params");
            switch (method) {
                case "Runtime.consoleAPICalled":
                    if ("error".equals(p.path("type").asText()) || "assert".equals(p.path("type").asText())) {
                        errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
                    }
                    break;
                case "Runtime.exceptionThrown":
                    errors.add("uncaught: " + p.path("exceptionDetails"));
                    break;
                case "Log.entryAdded":
                    if ("error".equals(p.path("entry").path("level").asText())) {
                        errors.add("log: " + p.path("entry").path("text").asText() + " "
                                + p.path("entry").path("url").asText());
                    }
                    break;
                case "Page.loadEventFired":
                    for (CompletableFuture<Void> l : loads) {
                        l.complete(null);
                    }
                    loads.clear();
                    break;
                default:
                    break;
            }
        }
    }
}
