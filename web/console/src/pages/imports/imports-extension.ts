/** Imports from the original systems (issue 42): one page per module that declares an import. */
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { lazy } from 'react';
import { defineConsoleExtension } from '../../extensions/console-extension.ts';
import { importsFr } from './imports-words.fr.ts';
import { importsRw } from './imports-words.rw.ts';
import { importsEn, importsEs, importsHi } from './imports-words.ts';

export const importsExtension = defineConsoleExtension({
  name: 'imports',
  pages: [
    {
      // Reached from each module's menu group (navigation adds one entry per module with an import).
      path: '/imports/:module',
      label: 'imports.menu',
      icon: UploadFileIcon,
      permission: 'imports.run.create',
      hidden: true,
      component: lazy(() => import('./ImportPage.tsx')),
    },
  ],
  messages: { en: importsEn, es: importsEs, hi: importsHi, fr: importsFr, rw: importsRw },
});
