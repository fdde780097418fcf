package dev.loopinfo.testbed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.util.unit.DataSize;

/**
 * A size setting's range, both ends included, in the settings' own spelling ({@code 1B}, {@code 64KB},
 * {@code 16MB}); a size left unset is out of range. Bean Validation has no constraint for {@link DataSize}.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SizeRange.Check.class)
public @interface SizeRange {

    String min();

    String max();

    String message() default "must be a size from {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Holds a {@link DataSize} to its {@link SizeRange}. */
    class Check implements ConstraintValidator<SizeRange, DataSize> {

        private DataSize min;

        private DataSize max;

        @Override
        public void initialize(SizeRange range) {
            this.min = DataSize.parse(range.min());
            this.max = DataSize.parse(range.max());
        }

        @Override
        public boolean isValid(DataSize size, ConstraintValidatorContext context) {
            return size != null && size.compareTo(min) >= 0 && size.compareTo(max) <= 0;
        }
    }
}
