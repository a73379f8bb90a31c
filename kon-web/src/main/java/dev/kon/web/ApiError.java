package dev.kon.web;

import dev.kon.task.UserText;
import java.util.List;

/**
 * A request the API refuses or cannot answer: its HTTP status, a message for the user and, for a workload, the
 * bad lines. Served as {@code {"error": ..., "errors": [...]}}. Messages quote user input only through
 * {@link UserText#excerpt}.
 */
final class ApiError extends RuntimeException {
    final int status;
    final List<String> details;

    ApiError(int status, String message) {
        this(status, message, List.of());
    }

    ApiError(int status, String message, List<String> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String what, String id) {
        return new ApiError(404, what + " '" + UserText.excerpt(id) + "' is unknown");
    }
}
