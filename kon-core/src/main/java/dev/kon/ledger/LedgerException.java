package dev.kon.ledger;

import dev.kon.KonException;

/** The ledger backend could not be reached or refused a call for a reason other than a lost race. */
public class LedgerException extends KonException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
