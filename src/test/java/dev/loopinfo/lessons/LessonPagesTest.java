package dev.loopinfo.lessons;

import static dev.loopinfo.web.PageBytes.assertGolden;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The lessons' pages keep their exact HTML. */
class LessonPagesTest {

    @Test
    void lessons() {
        assertGolden(new LessonsPage(Arrays.asList(Lesson.values())), "lessons");
    }

    @ParameterizedTest
    @EnumSource(Lesson.class)
    void lesson(Lesson lesson) {
        assertGolden(new LessonPage(lesson), "lesson-" + lesson.path());
    }

}
