package io.pgdeck.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;
import io.pgdeck.connect.PasswordMask;

/**
 * The log's last line of defence, named in logback.xml: hides a password that a library quotes
 * in a line or an exception (HikariCP's DEBUG dump of the driver properties masks "password" but
 * not "sslpassword"; a driver's message may carry a URL). pgdeck's own lines quote none.
 */
public final class PasswordMaskingConverter extends CompositeConverter<ILoggingEvent> {

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return PasswordMask.mask(in);
    }
}
