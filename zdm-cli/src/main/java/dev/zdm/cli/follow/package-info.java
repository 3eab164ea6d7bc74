/** Following a migration's progress stream ({@code zdm watch}, {@code submit --wait}, the demo) and drawing it. */
package dev.zdm.cli.follow;
