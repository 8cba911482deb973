package com.entralake.emulator;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the demo emulator standalone: {@code EmulatorMain [port] [sample-data dir] [trust store path]}.
 * Prints the authority host, Graph URL, trust store path and the demo tenant/client ids, then runs until killed.
 */
public final class EmulatorMain {
    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8443;
        Path sample = args.length > 1 ? Paths.get(args[1]) : Paths.get("sample-data");
        Path ts = args.length > 2 ? Paths.get(args[2]) : Paths.get("target", "graph-emulator-truststore.p12");
        GraphEmulator emu = GraphEmulator.start(EmulatorOptions.demo(sample).withPort(port).withTrustStorePath(ts.toAbsolutePath()));
        Runtime.getRuntime().addShutdownHook(new Thread(emu::close));
        EmulatedTenant demo = emu.demoTenant();
        System.out.println("Graph emulator (demo tenant " + demo.displayName() + ")");
        System.out.println("authority host      : " + emu.authorityHost());
        System.out.println("MSAL authority      : " + emu.authorityHost() + "/" + demo.id() + "/");
        System.out.println("Graph base URL      : " + emu.graphBaseUrl() + "/v1.0");
        System.out.println("tenant id           : " + demo.id());
        System.out.println("trust store (PKCS12): " + emu.trustStore());
        System.out.println("trust store password: " + new String(emu.trustStorePassword()));
        System.out.println("client id / secret  : see " + sample.resolve("tenant.json") + " (demo values only)");
        new CountDownLatch(1).await();
    }
}
