package dev.loopinfo.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.boot.mustache.reactive.view.MustacheViewResolver;
import org.springframework.web.reactive.result.view.AbstractUrlBasedView;

/**
 * Resolves view names ({@code index}, {@code error/404}) to {@link PageView}s over templates held in memory,
 * each compiled on first use and kept. Replaces Boot's Mustache view resolver.
 */
class PageViewResolver extends MustacheViewResolver {

    private final Mustache.Compiler compiler;

    private final TemplateSources sources;

    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    PageViewResolver(Mustache.Compiler compiler, TemplateSources sources) {
        super(compiler);
        this.compiler = compiler;
        this.sources = sources;
    }

    @Override
    protected Class<?> requiredViewClass() {
        return PageView.class;
    }

    @Override
    protected AbstractUrlBasedView instantiateView() {
        return new PageView(name -> compiled.computeIfAbsent(name, compiler::loadTemplate), sources);
    }
}
