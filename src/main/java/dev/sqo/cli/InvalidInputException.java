package dev.sqo.cli;

/** Input sqo cannot use; the message names the file, and where it can, the line and the field. */
final class InvalidInputException extends Exception {
    InvalidInputException(String message) {
        super(message);
    }
}
