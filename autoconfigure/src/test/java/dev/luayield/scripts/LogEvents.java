package dev.luayield.scripts;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Collects what one class logs during each test, for tests that count how often a failure
 * is logged: {@code @RegisterExtension final LogEvents log = new LogEvents(X.class)}.
 */
public final class LogEvents implements BeforeEachCallback, AfterEachCallback {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	public LogEvents(Class<?> source) {
		this.logger = (Logger) LoggerFactory.getLogger(source);
	}

	/**
	 * Returns the events logged so far in this test.
	 * @return the events, in order
	 */
	public List<ILoggingEvent> events() {
		return this.appender.list;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.appender.list.clear();
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.logger.detachAppender(this.appender);
	}

}
