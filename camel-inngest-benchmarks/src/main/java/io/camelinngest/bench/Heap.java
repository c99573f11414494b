package io.camelinngest.bench;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections: what a component keeps, not what it merely allocated. */
final class Heap {

    private Heap() {
    }

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
