package dev.loopinfo.lessons;

import java.util.Arrays;
import java.util.Optional;

/** The original's lessons, each a page that runs it live on loopinfo's own event loop. */
public enum Lesson {

    INTERLEAVE("interleave", "Two coroutines, one thread",
            "Two tasks start together on one event-loop thread. Each prints \"Hello World!\", sleeps for a second "
                    + "without blocking, and prints \"Hello Again!\". Both wait at the same time, so the whole "
                    + "lesson takes about one second, not two — and every line names the same thread. This is "
                    + "how one event loop serves thousands of connections: a task that waits gives the thread "
                    + "back."),
    HELLO_WORLD("hello-world", "async and await",
            "A coroutine prints \"hello\", awaits a one-second sleep, then prints \"world\". The await is "
                    + "a timer on the event loop, not a blocked thread: during that second the same thread is free "
                    + "for other work."),
    PRODUCER_CONSUMER("producer-consumer", "Producer and consumer",
            "A producer hands message n to a consumer and waits for its \"200 OK\" before making n + 1: "
                    + "lockstep, with no locks and no second thread. Here is the original five-message transcript, "
                    + "replayed line by line. The live pipeline runs this flow for good."),
    BLOCKING("blocking", "What blocking costs",
            "The two coroutines of the first lesson, run twice at once. With a timer, as asyncio.sleep, both wait "
                    + "together on loopinfo's event loop: about one second in all. With a blocking sleep, as "
                    + "time.sleep, the first holds its thread for its whole second and the second cannot start "
                    + "until it is done: about two. The blocking pair runs on a thread of this lesson's own, never "
                    + "on a server event loop, where it would stall every request that loop serves.");

    private final String path;

    private final String title;

    private final String summary;

    Lesson(String path, String title, String summary) {
        this.path = path;
        this.title = title;
        this.summary = summary;
    }

    /** The lesson's name in its URL, e.g. {@code hello-world}. */
    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    static Optional<Lesson> named(String path) {
        return Arrays.stream(values()).filter(lesson -> lesson.path.equals(path)).findFirst();
    }

}
