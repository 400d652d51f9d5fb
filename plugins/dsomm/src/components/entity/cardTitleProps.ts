/** Makes an InfoCard's title a real heading, so screen reader users can jump between cards. */
export const cardTitleProps = { component: 'h2' } as const;
