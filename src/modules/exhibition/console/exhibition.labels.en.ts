/** The exhibition module's words in the console, in English: every other language fills the same keys. */
export const exhibitionLabelsEn = {
  exhibition: {
    menu: { customers: 'Exhibition customers', bills: 'Exhibition bills' },
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
    options: { active: 'Active', merge: 'Merge a duplicate into this customer', void: 'Void' },
    actions: { void: 'Void bill' },
  },
};
