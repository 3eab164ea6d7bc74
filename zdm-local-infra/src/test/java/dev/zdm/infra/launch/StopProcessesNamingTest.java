package dev.zdm.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StaleData#stopProcessesNaming} stops the processes that name a folder, and only those. */
class StopProcessesNamingTest {

    @Test
    void stopsAProcessNamingTheFolderButNotOneNamingALongerFolder(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("epg12");
        Process naming = new ProcessBuilder("sh", "-c", "sleep 60", folder.toString()).start();
        Process longer = new ProcessBuilder("sh", "-c", "sleep 60", tmp.resolve("epg123").toString()).start();
        try {
            StaleData.stopProcessesNaming(folder);
            assertThat(naming.waitFor(10, TimeUnit.SECONDS)).as("the process naming the folder ended").isTrue();
            assertThat(longer.isAlive()).as("the process naming epg123 lives on").isTrue();
        } finally {
            naming.destroyForcibly();
            longer.destroyForcibly();
        }
    }
}
