package io.edarouter.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesLocationCheckTest {

    @TempDir
    Path folder;

    @Test
    void aMissingRoutesFolderIsRefusedWithTheFolderAndWhatToDo() {
        assertThatThrownBy(() -> RoutesLocationCheck.check("file:routes/*.camel.yaml", folder))
                .isInstanceOf(StartRefusedException.class)
                .hasMessage("No routes at file:routes/*.camel.yaml (working folder " + folder + "): run the router from"
                        + " the folder that holds routes/, or set camel.main.routes-include-pattern (or --routes PATTERN)"
                        + " to where the routes are");
    }

    @Test
    void anExistingFolderAndClasspathPatternsPass() throws Exception {
        Files.createDirectories(folder.resolve("routes/more"));
        assertThatCode(() -> RoutesLocationCheck.check(
                "file:routes/*.camel.yaml, file:routes/more/**/*.yaml,classpath:camel/*.yaml", folder))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyTheMissingPatternsAreNamed() throws Exception {
        Files.createDirectories(folder.resolve("routes"));
        assertThatThrownBy(() -> RoutesLocationCheck.check("file:routes/*.yaml,file:extra/*.yaml", folder))
                .hasMessageStartingWith("No routes at file:extra/*.yaml (");
    }

    @Test
    void theFixedPartIsThePathBeforeTheFirstWildcard() {
        assertThat(RoutesLocationCheck.fixedPart("file:routes/*.camel.yaml")).isEqualTo("routes");
        assertThat(RoutesLocationCheck.fixedPart("file:/etc/eda/routes/**/*.yaml")).isEqualTo("/etc/eda/routes");
        assertThat(RoutesLocationCheck.fixedPart("file:*.yaml")).isEqualTo(".");
        assertThat(RoutesLocationCheck.fixedPart("file:routes/orders.camel.yaml")).isEqualTo("routes/orders.camel.yaml");
    }
}
