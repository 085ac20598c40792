package dev.jwkadapter.core.jwks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs a task on N real threads released at the same instant, and collects the results. */
final class Concurrently {

    private Concurrently() {}

    /**
     * Runs {@code task(i)} for i in 0..threads-1, each on its own thread, all started together.
     *
     * @throws AssertionError if a thread is still running after {@code timeout} (a hang) or threw
     */
    static <T> List<T> run(int threads, Duration timeout, IntFunction<T> task) {
        List<T> results = Collections.synchronizedList(new ArrayList<>(threads));
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    results.add(task.apply(n));
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "concurrently-" + i);
            t.setDaemon(true);
            all.add(t);
            t.start();
        }
        try {
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("threads did not start");
            }
            go.countDown();
            long end = System.nanoTime() + timeout.toNanos();
            for (Thread t : all) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                if (t.isAlive()) {
                    throw new AssertionError(t.getName() + " still running after " + timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError(errors.size() + " threads failed; first: " + errors.get(0));
            failure.initCause(errors.get(0));
            throw failure;
        }
        return List.copyOf(results);
    }
}
