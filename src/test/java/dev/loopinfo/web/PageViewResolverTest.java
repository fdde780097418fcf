package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.result.view.RedirectView;
import org.springframework.web.reactive.result.view.View;

import dev.loopinfo.ServerTest;

/** Views are built once per template, not on every render; other names still resolve as WebFlux resolves them. */
@ServerTest
class PageViewResolverTest {

    @Autowired
    PageViewResolver resolver;

    @Test
    void aTemplatesViewIsBuiltOnceAndServesEveryRender() {
        View first = resolver.resolveViewName("index", Locale.ENGLISH).block();
        View again = resolver.resolveViewName("index", Locale.GERMAN).block();

        assertThat(first).isInstanceOf(PageView.class).isSameAs(again);
        assertThat(resolver.resolveViewName("error/404", Locale.ENGLISH).block()).isNotSameAs(first);
    }

    @Test
    void namesWithoutATemplateAreNotCachedAndStillResolve() {
        assertThat(resolver.resolveViewName("no/such/page", Locale.ENGLISH).blockOptional()).isEmpty();
        View redirect = resolver.resolveViewName("redirect:/hello/Ada", Locale.ENGLISH).block();

        assertThat(redirect).isInstanceOf(RedirectView.class)
            .isNotSameAs(resolver.resolveViewName("redirect:/hello/Ada", Locale.ENGLISH).block());
    }
}
