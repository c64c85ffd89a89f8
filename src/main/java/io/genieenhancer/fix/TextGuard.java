package io.genieenhancer.fix;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses text that must not reach a Genie space: control characters (and invisible bidi/zero-width
 * characters that hide text from reviewers), and text that reads like an attempt to steer the model that
 * reads the space rather than describe data. Fix text is model-written and ends up in another model's
 * prompt, so this errs on the side of refusing.
 */
final class TextGuard {

    private static final List<Pattern> INJECTION = List.of(
            p("\\b(ignore|disregard|forget|override|bypass)\\b[^.;\\n]{0,40}\\b(previous|prior|above|earlier|preceding|all|any|your|system|original)\\b[^.;\\n]{0,20}\\b(instructions?|prompts?|rules|guidelines|directions|context)\\b"),
            p("\\bnew (system )?instructions?\\s*:"),
            p("\\bsystem\\s+prompt\\b"),
            p("\\b(reveal|print|show|repeat|leak|output|dump)\\b[^.\\n]{0,20}\\b(your|the)\\s+(system\\s+|hidden\\s+|original\\s+|initial\\s+)?(prompt|instructions|secrets?|credentials?|api\\s+keys?)\\b"),
            p("\\byou are (now|no longer)\\b"),
            p("\\b(pretend|act) (to be|as if you|as an? (unrestricted|different|new))\\b"),
            p("\\b(jailbreak|developer mode|do anything now|dan mode)\\b"),
            p("<\\|?\\s*(im_start|im_end|system|endoftext|assistant|user)\\s*\\|?>"),
            p("\\[/?(inst|system|sys)\\]|<</?sys>>"),
            p("(^|\\n)\\s*(system|assistant|developer)\\s*:"),
            p("\\b(exfiltrate|send (it|this|the data|them) to)\\b"),
            p("\\b(drop|truncate|delete from|alter|grant|revoke)\\s+(table|schema|catalog|database|all)\\b"));

    private TextGuard() {
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * Characters no fix text may hold. {@code multiLine} allows newline, carriage return and tab (SQL,
     * instructions, descriptions); names allow none of them.
     */
    static Optional<Problem> controlCharacters(String field, String s, boolean multiLine) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowedWhitespace = multiLine && (c == '\n' || c == '\r' || c == '\t');
            if ((Character.isISOControl(c) && !allowedWhitespace) || invisible(c)) {
                return Optional.of(new Problem(Problem.CONTROL_CHARACTERS,
                        field + " contains the control character U+" + String.format("%04X", (int) c) + " at position " + i));
            }
        }
        return Optional.empty();
    }

    /** Bidi overrides/isolates and zero-width characters: they make text read differently than it is. */
    private static boolean invisible(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || (c >= '\u200B' && c <= '\u200F')
                || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
    }

    static Optional<Problem> injection(String field, String s) {
        for (Pattern p : INJECTION) {
            Matcher m = p.matcher(s);
            if (m.find()) {
                return Optional.of(new Problem(Problem.PROMPT_INJECTION,
                        field + " looks like prompt injection (\"" + shorten(m.group().strip()) + "\")"));
            }
        }
        return Optional.empty();
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
