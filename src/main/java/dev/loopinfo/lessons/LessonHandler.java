package dev.loopinfo.lessons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

import dev.loopinfo.web.EventStreams;
import dev.loopinfo.web.Routing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The lessons' pages, their live events, and their JSON form for curl. */
@Component
class LessonHandler {

    private final Lessons lessons;

    private final EventStreams.Stream stream;

    LessonHandler(Lessons lessons, EventStreams streams) {
        this.lessons = lessons;
        this.stream = streams.named("lessons");
    }

    Mono<ServerResponse> index(ServerRequest request) {
        return Routing.ok(Routing.HTML, new LessonsPage(Arrays.asList(Lesson.values())));
    }

    /** The lessons as JSON: each one's name, title, summary and page. */
    Mono<ServerResponse> indexJson(ServerRequest request) {
        List<Summary> summaries = Arrays.stream(Lesson.values())
            .map(lesson -> new Summary(lesson.path(), lesson.title(), lesson.summary(), "/lessons/" + lesson.path()))
            .toList();
        return Routing.ok(MediaType.APPLICATION_JSON, new Index(summaries));
    }

    /** The lessons as JSON. */
    record Index(List<Summary> lessons) {
    }

    /** One lesson in the JSON list. */
    record Summary(String lesson, String title, String summary, String href) {
    }

    Mono<ServerResponse> page(ServerRequest request) {
        return Routing.ok(Routing.HTML, new LessonPage(lesson(request)));
    }

    /**
     * The finished lesson as JSON: lines with thread and elapsed time, the total and the
     * threads used.
     */
    Mono<ServerResponse> json(ServerRequest request) {
        return lessons.runToEnd(lesson(request)).flatMap(run -> Routing.ok(MediaType.APPLICATION_JSON, run));
    }

    /**
     * Each line as a {@code line} event as it is printed, then a {@code done} event with
     * the whole run; a client that leaves ends the run ({@link EventStreams}).
     */
    Mono<ServerResponse> events(ServerRequest request) {
        Lesson lesson = lesson(request);
        Flux<ServerSentEvent<Object>> events = Flux.defer(() -> {
            long started = System.nanoTime();
            List<LessonLine> printed = new ArrayList<>();
            return lessons.run(lesson)
                .doOnNext(printed::add)
                .map(line -> ServerSentEvent.builder((Object) line).event("line").build())
                .concatWith(Mono
                    .fromSupplier(() -> ServerSentEvent.builder((Object) Lessons.summary(lesson, printed, started))
                        .event("done")
                        .build()));
        });
        return stream.answer(request, events);
    }

    private static Lesson lesson(ServerRequest request) {
        String name = request.pathVariable("lesson");
        return Lesson.named(name)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "There is no lesson '" + name + "': see /lessons."));
    }

}
