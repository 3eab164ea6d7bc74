package dev.zdm.cli;

import dev.zdm.runtime.auth.Principal;
import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.auth.Tokens;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zdm token new NAME --roles ...}: makes a random token and prints it once, with the
 * configuration lines that let the services accept it (its digest, never the token itself).
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Make access tokens.", subcommands = TokenCommand.New.class)
final class TokenCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("zdm token new NAME --roles ROLE[,ROLE...] [--targets TARGET[,TARGET...]]");
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Print a new random token, once, and the configuration lines (its digest) that make the services accept it.")
    static final class New implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "the token's name: who uses it (it appears in events and logs, the token never does)")
        String name;

        @Option(names = "--roles", required = true, split = ",", description = "submitter, deployer, operator, viewer")
        String[] roles;

        @Option(names = "--targets", split = ",", description = "targets a submitter may submit to (default: all)")
        String[] targets;

        @Override
        public Integer call() {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
                System.err.println("zdm token new: NAME must be letters, digits, '-' or '_' (at most 64), got " + name);
                return 2;
            }
            try {
                Arrays.stream(roles).forEach(Role::parse);
            } catch (IllegalArgumentException e) {
                System.err.println("zdm token new: " + e.getMessage());
                return 2;
            }
            String token = Tokens.generate();
            System.out.println("token (shown once; give it to " + name + " as ZDM_TOKEN or in a file for --token-file):");
            System.out.println("  " + token);
            System.out.println("configuration of every zdm service (or auth.tokensFile without the auth.tokens. prefix):");
            System.out.println("  auth.tokens." + name + ".digest=" + Tokens.digestHex(token));
            System.out.println("  auth.tokens." + name + ".roles=" + String.join(",", roles).toLowerCase());
            System.out.println("  auth.tokens." + name + ".targets=" + (targets == null ? Principal.ALL_TARGETS : String.join(",", targets)));
            return 0;
        }
    }
}
