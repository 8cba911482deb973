package com.entralake.graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw-socket HTTP/1.1 stub that answers each connection with the next scripted reply. Raw sockets
 * (rather than com.sun.net.httpserver) let a reply be cut short or reset at the TCP level.
 */
final class ScriptedHttpStub implements AutoCloseable {

    /** What was received: request line and headers (lower-case names). */
    record Request(String method, String target, Map<String, String> headers) {
    }

    interface Reply {
        void write(Socket socket, String base) throws IOException;
    }

    private final ServerSocket server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ScriptedHttpStub() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "stub-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    URI url(String pathAndQuery) {
        return URI.create(base() + pathAndQuery);
    }

    ScriptedHttpStub then(Reply reply) {
        replies.add(reply);
        return this;
    }

    ScriptedHttpStub thenJson(int status, String body, String... headerPairs) {
        return then(json(status, body, headerPairs));
    }

    static Reply json(int status, String body, String... headerPairs) {
        return (socket, base) -> {
            byte[] bytes = body.replace("{base}", base).getBytes(StandardCharsets.UTF_8);
            writeHead(socket.getOutputStream(), status, bytes.length, headerPairs);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        };
    }

    /** Announces the full length but sends only the first {@code sentBytes} bytes, then closes. */
    static Reply truncated(String body, int sentBytes) {
        return (socket, base) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            writeHead(socket.getOutputStream(), 200, bytes.length);
            socket.getOutputStream().write(bytes, 0, sentBytes);
            socket.getOutputStream().flush();
        };
    }

    /** Closes with a TCP reset after reading the request. */
    static Reply reset() {
        return (socket, base) -> socket.setSoLinger(true, 0);
    }

    /** Sends nothing for a while (the client's request timeout should fire first). */
    static Reply silence(long millis) {
        return (socket, base) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    static String errorBody(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"innerError\":{\"request-id\":\"r1\"}}}";
    }

    private static void writeHead(OutputStream out, int status, int length, String... headerPairs) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n");
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            head.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> handle(socket), "stub-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            Request request = readRequest(socket.getInputStream());
            if (request == null) {
                return;
            }
            requests.add(request);
            Reply reply = replies.poll();
            if (reply == null) {
                reply = json(500, errorBody("StubExhausted", "no scripted reply left"));
            }
            reply.write(socket, base().toString());
        } catch (IOException ignored) {
            // the client went away; nothing to do
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        if (matched < 4) {
            return null;
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Request(requestLine[0], requestLine[1], headers);
    }

    List<String> targets() {
        List<String> targets = new ArrayList<>();
        requests.forEach(r -> targets.add(r.target()));
        return targets;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
