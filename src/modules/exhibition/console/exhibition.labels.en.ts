/** The exhibition module's words in the console, in English: every other language fills the same keys. */
export const exhibitionLabelsEn = {
  exhibition: {
    menu: {
      customers: 'Exhibition customers',
      bills: 'Exhibition bills',
      statements: 'Exhibition statements',
    },
    statements: {
      intro:
        'At the end of the exhibition, e-mail every customer their statement: every bill and the total. Customers who already got one are skipped.',
      start: 'E-mail all statements',
      running: 'Sending statements',
      done: 'Statements run finished',
      counts: '%{queued} of %{total} queued · %{sent} sent · %{pending} waiting · %{failed} failed',
      failures: 'Not delivered (check the address, then send from the customer)',
      attemptsHeader: 'Attempts',
      status: { dead: 'Given up after retries', undeliverable: 'Undeliverable address' },
    },
    fields: {
      id: 'Id',
      code: 'Code',
      name: 'Name',
      email: 'E-mail',
      phone: 'Phone',
      exhibition: 'Exhibition',
      billCount: 'Bills',
      total: 'Total',
      currency: 'Currency',
      createdAt: 'Created',
      customer: 'Customer',
      booth: 'Booth',
      amount: 'Amount',
      description: 'Description',
      businessDate: 'Day',
      status: 'Status',
      voidReason: 'Void reason',
      duplicateCode: 'Code of the duplicate',
      createdBy: 'Billed by',
    },
    options: { active: 'Active', void: 'Void' },
    actions: { merge: 'Merge a duplicate into this customer', void: 'Void bill' },
  },
};
