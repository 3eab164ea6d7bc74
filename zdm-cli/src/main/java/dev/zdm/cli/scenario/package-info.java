/**
 * Scenario folders ({@code scenarios/NAME/}, after gh-ost's {@code localtests}): the setup SQL, a live
 * write workload, the migration and what must hold afterwards. {@link dev.zdm.cli.scenario.ScenarioRun}
 * runs one through the whole pipeline on a fresh database, playing the application and the deploy
 * system, and passes it only when the application saw no error, the migration ended as expected, old
 * and new data agree by checksum, and nothing of zdm's was left behind. The same runner serves
 * {@code ./zdm scenario NAME} and the {@code ScenariosIT} test.
 */
package dev.zdm.cli.scenario;
