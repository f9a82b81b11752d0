/** Pass, fail, could not tell: marks every font has (emoji may not render), coloured on cards. */
export const checkMarks = {
  pass: { mark: '✓', color: 'Good' },
  fail: { mark: '✗', color: 'Attention' },
  unknown: { mark: '?', color: 'Warning' },
} as const;
