/** Console labels of the mess module (menu, columns, actions, dashboard), English and Hindi. */
export const messMessages = {
  en: {
    mess: {
      menu: { students: 'Mess students', scans: 'Scan log', conflicts: 'Scan conflicts', cuts: 'Mess cuts' },
      actions: {
        approve: 'Approve',
        deny: 'Deny',
        suspend: 'Suspend',
        reissuePass: 'Re-issue pass',
        resolve: 'Resolve',
      },
      dashboard: {
        today: 'Meals today',
        today_hint: 'served · denied today',
        pending: 'Registrations to approve',
        pending_hint: 'pending students',
        forecast: 'Kitchen forecast',
        chart: 'Meals served and denied (14 days)',
        served: 'Served',
        denied: 'Denied',
      },
    },
  },
  hi: {
    mess: {
      menu: { students: 'मेस छात्र', scans: 'स्कैन लॉग', conflicts: 'स्कैन विवाद', cuts: 'मेस कट' },
      actions: {
        approve: 'स्वीकार',
        deny: 'अस्वीकार',
        suspend: 'निलंबित',
        reissuePass: 'नया पास',
        resolve: 'सुलझाएँ',
      },
      dashboard: {
        today: 'आज का भोजन',
        today_hint: 'परोसे · अस्वीकृत आज',
        pending: 'स्वीकृति हेतु पंजीकरण',
        pending_hint: 'लंबित छात्र',
        forecast: 'रसोई अनुमान',
        chart: 'परोसे और अस्वीकृत भोजन (14 दिन)',
        served: 'परोसे',
        denied: 'अस्वीकृत',
      },
    },
  },
};
