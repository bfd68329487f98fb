package io.stagesync.cli;

import org.apache.camel.CamelExecutionException;

/** Turns a failed command's exception into one line for the terminal: the innermost cause that says something. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof CamelExecutionException || t instanceof java.lang.reflect.InvocationTargetException
                || t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
