package io.genieenhancer.analysis;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codes and their meanings as column descriptions write them: {@code 'P2' means high priority},
 * {@code P2 = high priority}, {@code P2: high}, {@code P2 (high priority)}, {@code P2 stands for high priority}.
 * Data holds codes, questions say words; the description is where a space states the mapping.
 */
final class Codes {

    /** A code is short and has no spaces; anything longer is a value a question can say itself. */
    static final int MAX_CODE_LENGTH = 12;

    private Codes() {
    }

    /** The meaning the description gives {@code code}, if it states one. */
    static Optional<String> meaning(String description, String code) {
        if (description.isBlank() || code.isBlank() || code.length() > MAX_CODE_LENGTH || code.contains(" ")) {
            return Optional.empty();
        }
        Pattern p = Pattern.compile("(?<![A-Za-z0-9])['\"`]?" + Pattern.quote(code) + "['\"`]?\\s*"
                + "(?:means|stands for|is for|is|=|:|->|→|–|-|\\()\\s*['\"]?([A-Za-z][A-Za-z /&-]{0,48})");
        Matcher m = p.matcher(description);
        while (m.find()) {
            String meaning = m.group(1).strip().replaceAll("[\\s/&-]+$", "");
            // stop at the next code's start ("P1 = urgent, P2 = high"): the meaning ends before a list separator
            meaning = meaning.split("\\s+(?:and|or)\\s+")[0].strip();
            if (!meaning.isEmpty() && !meaning.equalsIgnoreCase(code)) {
                return Optional.of(meaning.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** Whether a filtered value looks like a code rather than a word people say (short, upper case or digits). */
    static boolean looksLikeCode(String value) {
        return !value.isBlank() && value.length() <= MAX_CODE_LENGTH && !value.contains(" ")
                && (value.equals(value.toUpperCase(Locale.ROOT)) || value.chars().anyMatch(Character::isDigit));
    }
}
