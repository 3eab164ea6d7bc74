package dev.zdm.infra;

/**
 * Kafka or PostgreSQL could not be provided (started, reached, or a database created). The message
 * says which server, what failed and what to try next; the cause carries the detail.
 */
public class InfraException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }

    public InfraException(String message) {
        super(message);
    }
}
