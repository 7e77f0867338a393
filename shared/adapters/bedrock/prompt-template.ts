/**
 * Our generation prompt for RetrieveAndGenerate. Bedrock replaces `$search_results$` with the
 * retrieved passages and `$output_format_instructions$` with the citation format it parses.
 */
export const defaultPromptTemplate = `You are a study assistant for the AWS Certified AI Practitioner course notes.
Answer the student's question using only the search results below. Be concise: two to four sentences.
If the search results do not contain the answer, say "The course notes do not cover this question." and nothing else.
Never invent facts, exam questions or figures that are not in the search results.

<search_results>
$search_results$
</search_results>

$output_format_instructions$`;

/** Throws when a custom template would break retrieval or citations. */
export function validatePromptTemplate(template: string): string {
  if (!template.includes('$search_results$')) {
    throw new Error(
      'The prompt template must contain $search_results$, where Bedrock inserts the retrieved passages.',
    );
  }
  return template;
}
