package io.camelinngest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time and allocated bytes of every Java thread of this process except the loopback server's, at one moment: what a
 * consumer costs on whatever threads it uses (its scheduler's, Camel's, the HTTP client's), without the server that
 * answers it. The difference of two snapshots counts a thread started in between from zero; a thread that ended in
 * between is not counted (take the second snapshot while the consumer still runs). GC and JIT threads are not Java
 * threads and are not in it; a database in another process (PostgreSQL) is not either.
 */
final class ThreadCost {

    private static final com.sun.management.ThreadMXBean THREADS
            = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Per thread ID: CPU nanoseconds and allocated bytes. */
    private final Map<Long, long[]> byThread;

    private ThreadCost(Map<Long, long[]> byThread) {
        this.byThread = byThread;
    }

    static ThreadCost now() {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, long[]> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null || isServer(infos[i].getThreadName()) || cpu[i] < 0 || allocated[i] < 0) {
                continue;
            }
            byThread.put(ids[i], new long[] { cpu[i], allocated[i] });
        }
        return new ThreadCost(byThread);
    }

    /** The loopback server's threads: its handlers and the JDK server's dispatcher. */
    private static boolean isServer(String name) {
        return name.startsWith("loopback-inngest-") || name.startsWith("HTTP-Dispatcher");
    }

    /** CPU nanoseconds spent since {@code earlier}. */
    long cpuSince(ThreadCost earlier) {
        return since(earlier, 0);
    }

    /** Bytes allocated since {@code earlier}. */
    long allocatedSince(ThreadCost earlier) {
        return since(earlier, 1);
    }

    private long since(ThreadCost earlier, int which) {
        long sum = 0;
        for (Map.Entry<Long, long[]> thread : byThread.entrySet()) {
            long[] before = earlier.byThread.get(thread.getKey());
            sum += thread.getValue()[which] - (before == null ? 0 : before[which]);
        }
        return sum;
    }

    static {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM measures no thread CPU time or allocated bytes");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
        THREADS.setThreadCpuTimeEnabled(true);
    }
}
