package io.stagesync.devstage.model;

/** A model definition that cannot be used, with a message naming the model and field at fault. */
public class ModelDefinitionException extends RuntimeException {
    public ModelDefinitionException(String message) {
        super(message);
    }

    public ModelDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
