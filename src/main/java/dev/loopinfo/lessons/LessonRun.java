package dev.loopinfo.lessons;

import java.util.List;

/**
 * A finished lesson, as its JSON form and its final event show it.
 *
 * @param lesson the lesson's name
 * @param lines what it printed, in order
 * @param totalMillis how long the whole lesson took
 * @param threads the distinct threads that printed lines
 */
record LessonRun(String lesson, List<LessonLine> lines, long totalMillis, List<String> threads) {
}
