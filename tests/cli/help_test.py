"""Every `tailor` command answers --help and -h: its usage on stdout, exit 0, naming each option
its parser accepts; `tailor --help` lists the same texts; bad usage still exits 2.

Usage: help_test.py path/to/tailor path/to/source-root
"""
import os
import re
import subprocess
import sys
import unittest

TAILOR = sys.argv[1] if len(sys.argv) > 1 else "build/native-asan/tools/tailor"
SOURCE = sys.argv[2] if len(sys.argv) > 2 else os.getcwd()

# The options each parser accepts (tools/cli/*.cc), written out by hand.
COMMANDS = {
    ("decide",): ["--config", "--attributes", "--users", "--sticky", "--table", "--explain"],
    ("validate-config",): ["FILE"],
    ("conformance",): ["stdin"],
    ("stats",): ["stdin"],
    ("screen",): ["--policy", "--audit", "--campaign", "--ts", "--actor", "--eval", "--split",
                  "--misses"],
    ("audit", "verify"): ["--format", "--head", "--count"],
    ("audit", "export"): ["--to"],
    ("audit", "append"): ["--kind", "--campaign", "--id", "--ts", "--actor", "--decision",
                          "--content-hash", "--subject", "--body", "--policy-version"],
    ("audit", "coverage"): ["--messages"],
    ("campaign",): ["--customers", "--content", "--spec", "--out", "--approve-as", "--llm-url",
                    "--llm-model", "--llm-key-env", "--llm-concurrency", "--llm-timeout-ms",
                    "--quiet", "--as", "--prior", "--message", "--decision"],
    ("gen-data",): ["--customers", "--seed", "--out", "--bad-rows"],
}


def run(*args, stdin=""):
    p = subprocess.run([TAILOR, *args], input=stdin, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def options_in_source(filename):
    """Every "--name" the file compares an argument with (a == "--x", args[i] == "--x"), but
    --help itself."""
    with open(os.path.join(SOURCE, "tools", "cli", filename), encoding="utf-8") as f:
        return set(re.findall(r'== "(--[a-z-]+)"', f.read())) - {"--help"}


class Help(unittest.TestCase):
    def help_text(self, command, flag="--help"):
        code, out, err = run(*command, flag)
        self.assertEqual((code, err), (0, ""), "tailor %s %s" % (" ".join(command), flag))
        self.assertTrue(out.startswith("Usage:\n  tailor " + " ".join(command)), out)
        return out

    def test_each_command_names_its_options(self):
        for command, options in COMMANDS.items():
            for flag in ("--help", "-h"):
                with self.subTest(command=command, flag=flag):
                    out = self.help_text(command, flag)
                    for option in options:
                        self.assertIn(option, out)

    def test_help_names_every_option_the_parsers_compare(self):
        for filename, command in [("commands.cc", ("decide",)), ("screen.cc", ("screen",)),
                                  ("audit.cc", ("audit",))]:
            found = options_in_source(filename)
            self.assertGreater(len(found), 0, filename)
            out = self.help_text(command)
            for option in sorted(found):
                with self.subTest(file=filename, option=option):
                    self.assertIn(option, out)

    def test_top_level_help_lists_each_command_text(self):
        code, top, err = run("--help")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(run("-h")[1], top)
        for command in COMMANDS:
            body = self.help_text(command)[len("Usage:\n"):]
            self.assertIn(body, top)

    def test_audit_help_is_its_four_subcommands(self):
        audit = self.help_text(("audit",))
        parts = [self.help_text(("audit", sub))[len("Usage:\n"):]
                 for sub in ("verify", "export", "append", "coverage")]
        self.assertEqual(audit, "Usage:\n" + "".join(parts))

    def test_bad_usage_still_exits_2_with_usage_on_stderr(self):
        for args, needle in [(("decide", "--bogus"), "unknown option --bogus"),
                             (("validate-config",), "needs exactly one FILE"),
                             (("validate-config", "a", "b"), "needs exactly one FILE"),
                             (("conformance", "extra"), 'unexpected argument "extra"'),
                             (("stats", "extra"), 'unexpected argument "extra"'),
                             (("screen", "--bogus"), '"--bogus"'),
                             (("audit",), "needs a subcommand"),
                             (("audit", "bogus"), 'unknown subcommand "bogus"'),
                             (("audit", "export", "trail.jsonl"), "--to csv|jsonl"),
                             (("audit", "coverage", "trail.jsonl"), "--messages"),
                             (("nope",), 'unknown command "nope"')]:
            with self.subTest(args=args):
                code, out, err = run(*args)
                self.assertEqual((code, out), (2, ""))
                self.assertIn(needle, err)
        code, out, err = run()
        self.assertEqual((code, out), (2, ""))
        self.assertIn("Usage:", err)

    def test_help_given_as_a_value_is_a_value(self):
        # --sticky takes the next word as its value: "--help" here is bad JSON, not a request
        # for help.
        code, out, err = run("decide", "--config", os.path.join(SOURCE, "web/demo/config.json"),
                             "--attributes", "{}", "--sticky", "--help")
        self.assertEqual((code, out), (1, ""))
        self.assertIn("--sticky", err)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
