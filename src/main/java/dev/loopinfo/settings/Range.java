package dev.loopinfo.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A setting's range, both ends included, written as the setting itself is ({@code 0s},
 * {@code 1m}, {@code 64KB}, {@code 1024}, {@code 0.5}); {@link SettingRules} holds a
 * bound value to it.
 */
@Documented
@Target({ ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface Range {

    /** The least value allowed. */
    String min();

    /** The greatest value allowed. */
    String max();

}
