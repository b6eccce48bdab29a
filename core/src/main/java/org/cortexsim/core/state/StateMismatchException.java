package org.cortexsim.core.state;

/**
 * Saved state that does not fit the component restoring it: a name that is missing, of another
 * type, or with another number of values than the component has. The message names the state
 * (its path) and what was expected.
 */
public final class StateMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public StateMismatchException(String message) {
        super(message);
    }
}
