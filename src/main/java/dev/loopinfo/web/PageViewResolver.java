package dev.loopinfo.web;

import java.util.Map;
import java.util.stream.Collectors;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.boot.mustache.reactive.view.MustacheViewResolver;
import org.springframework.web.reactive.result.view.AbstractUrlBasedView;

/**
 * Resolves view names ({@code index}, {@code error/404}) to {@link PageView}s over templates held in memory and
 * all compiled at start-up, so rendering takes no lock and reads no file. Replaces Boot's Mustache view resolver.
 */
class PageViewResolver extends MustacheViewResolver {

    private final Map<String, Template> compiled;

    PageViewResolver(Mustache.Compiler compiler, TemplateSources sources) {
        super(compiler);
        this.compiled = sources.names().stream()
            .collect(Collectors.toUnmodifiableMap(name -> name, compiler::loadTemplate));
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
