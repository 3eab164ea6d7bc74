/**
 * Reading a migration file: a lexer that knows PostgreSQL's quoting rules (string literals with
 * {@code ''} and {@code E''} escapes, quoted identifiers, dollar-quoted bodies, nested block
 * comments), a splitter that cuts the file into statements at top-level semicolons while keeping
 * each statement's line and column, and the {@code -- @metadata {...}} comments that attach options
 * to the statements after them.
 *
 * <p>Why a lexer and not a regular expression: a semicolon inside {@code $$ ... $$}, a quote inside a
 * comment or a {@code --} inside a string must not cut a statement. Bad input is rejected with
 * {@code file:line:column}; nothing is guessed.
 */
package dev.zdm.planner.parse;
