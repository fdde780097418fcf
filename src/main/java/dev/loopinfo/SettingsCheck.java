package dev.loopinfo;

import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops the start-up, before any bean is made, when a rule between {@code loopinfo.*} settings is broken or a
 * {@code loopinfo.*} key is no setting: binding each setting alone would miss both. {@link InvalidSettingsAnalyzer}
 * then reports every problem at once, each setting's own among them.
 */
@Component
class SettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = new SettingsProblems(environment).acrossSettings();
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    /** Settings that stop the start-up; the analyzer reports them, with every other problem. */
    static final class InvalidSettingsException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        InvalidSettingsException(List<String> problems) {
            super("Invalid loopinfo settings:\n" + String.join("\n", problems));
        }
    }
}
