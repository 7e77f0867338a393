// A placeholder with the words that introduce it: "my email is {EMAIL}", "key: {AWS_ACCESS_KEY}".
const PLACEHOLDER =
  /(?:\b(?:my|our|the|his|her|their|your|is|are|at|on|via|to|me|and|or|e-?mail|mail|address|phone|mobile|cell|number|tel|call|text|contact|reach|key|keys|secret|access|aws|id|card|credit|debit|ssn|social|security|no|put|found|pasted|leaked|saw|got|use|used|using|typed|entered|shared|committed|posted|stored|with)\b[\s:,-]*){0,4}\{[A-Z_]{2,40}\}/gi;

/**
 * The text without `{EMAIL}`-style placeholders left by masking, and without the words that
 * introduced them ("my email is"): they are not what the student asked about, so relevance (and
 * retrieval) should not look for them.
 */
export function withoutPiiPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, ' ');
}
