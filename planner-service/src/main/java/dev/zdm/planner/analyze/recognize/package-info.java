/**
 * One recognizer per statement family (ALTER TABLE, CREATE INDEX, DML, ...), each a small class
 * that reads the statement's tokens and says what it does as an
 * {@link dev.zdm.planner.analyze.Effect}. They are listed, in the order they are tried, in
 * {@link dev.zdm.planner.analyze.recognize.Recognizers#ALL}; nothing registers itself.
 */
package dev.zdm.planner.analyze.recognize;
