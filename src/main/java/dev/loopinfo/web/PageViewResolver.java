package dev.loopinfo.web;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.boot.mustache.reactive.view.MustacheViewResolver;
import org.springframework.web.reactive.result.view.AbstractUrlBasedView;
import org.springframework.web.reactive.result.view.View;

import reactor.core.publisher.Mono;

/**
 * Resolves view names ({@code index}, {@code error/404}) to {@link PageView}s over templates held in memory and
 * all compiled at start-up, so rendering takes no lock and reads no file. Replaces Boot's Mustache view resolver.
 */
class PageViewResolver extends MustacheViewResolver {

    private final Map<String, Template> compiled;

    private final Map<String, Mono<View>> views = new ConcurrentHashMap<>();

    PageViewResolver(Mustache.Compiler compiler, TemplateSources sources) {
        super(compiler);
        this.compiled = sources.names().stream()
            .collect(Collectors.toUnmodifiableMap(name -> name, compiler::loadTemplate));
    }

    /**
     * One view per template, built once: WebFlux's resolver would build a new view, and run it through every bean
     * post-processor, on every render. A view is immutable once built and the templates are fixed at start-up.
     * Names without a template (redirects, say) are resolved each time, so the cache holds templates only.
     */
    @Override
    public Mono<View> resolveViewName(String viewName, Locale locale) {
        if (!compiled.containsKey(viewName)) {
            return super.resolveViewName(viewName, locale);
        }
        return views.computeIfAbsent(viewName, name -> super.resolveViewName(name, locale).cache());
    }

    @Override
    protected Class<?> requiredViewClass() {
        return PageView.class;
    }

    @Override
    protected AbstractUrlBasedView instantiateView() {
        return new PageView(compiled::get);
    }
}
