package dev.loopinfo.lessons;

/**
 * One line a lesson prints, with where and when it was printed.
 *
 * @param text what the lesson printed, e.g. {@code Hello World! (reactor-http-epoll-2)}
 * @param thread the thread that printed it
 * @param elapsedMillis milliseconds since the lesson started
 */
public record LessonLine(String text, String thread, long elapsedMillis) {
}
