package dev.loopinfo.lessons;

/**
 * One line a lesson prints, with who printed it, where and when.
 *
 * @param task the coroutine that printed it, e.g. {@code hello 1}: a lesson's timeline
 * draws one row per task
 * @param text what it printed, e.g. {@code Hello World!}
 * @param thread the thread it ran on
 * @param elapsedMillis milliseconds since the lesson started
 */
record LessonLine(String task, String text, String thread, long elapsedMillis) {
}
