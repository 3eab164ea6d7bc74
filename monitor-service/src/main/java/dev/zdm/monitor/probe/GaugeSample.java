package dev.zdm.monitor.probe;

import io.micrometer.core.instrument.Tags;

/**
 * One gauge value derived from a reading.
 *
 * @param name     the Micrometer meter name (dot-separated)
 * @param tags     its tags, always including {@code target}
 * @param baseUnit {@code seconds}, {@code bytes}, {@code sessions}, {@code connections}, or null
 * @param value    the value
 */
record GaugeSample(String name, Tags tags, String baseUnit, double value) {
}
