package dev.zdm.runtime.serde;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;

/** Bytes that are not a zdm event this reader knows: wrong marker, unknown fingerprint, corrupt body, wrong type. */
public final class EventDecodingException extends ZdmException {
    public EventDecodingException(String message, Throwable cause) {
        super(ErrorCode.UNDECODABLE_EVENT, message, null, null, cause);
    }
}
