import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Box,
  Button,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { ChangeEvent } from 'react';
import { useTranslate } from 'react-admin';
import type { ImportableModule } from './import-run.types.ts';
import type { CsvFile, ImportFormat, Upload } from './import-source.ts';

interface SourcePickerProps {
  format: ImportFormat;
  upload: Upload | null;
  models: ImportableModule['models'];
  /** A run is starting or under way: the files stay as they are. */
  locked: boolean;
  onFormat: (format: ImportFormat) => void;
  onFiles: (chosen: File[]) => void;
  onCsvChange: (index: number, change: Partial<CsvFile>) => void;
}

/** The original's files: the format, the files chosen and, for CSV, each file's model and columns. */
export function SourcePicker({
  format,
  upload,
  models,
  locked,
  onFormat,
  onFiles,
  onCsvChange,
}: SourcePickerProps) {
  const translate = useTranslate();
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(e.target.files ?? [])];
    e.target.value = '';
    if (chosen.length) onFiles(chosen);
  };
  return (
    <>
      <Typography variant="subtitle2">{translate('imports.page.format')}</Typography>
      <RadioGroup row value={format} onChange={(e) => onFormat(e.target.value as ImportFormat)}>
        <FormControlLabel
          value="dumpdata"
          control={<Radio />}
          label={translate('imports.page.dumpdata')}
          disabled={locked}
        />
        <FormControlLabel
          value="csv"
          control={<Radio />}
          label={translate('imports.page.csv')}
          disabled={locked}
        />
      </RadioGroup>
      <Button
        component="label"
        variant="outlined"
        startIcon={<UploadFileIcon />}
        disabled={locked}
        sx={{ mt: 1 }}
      >
        {translate(format === 'dumpdata' ? 'imports.page.choose_dumpdata' : 'imports.page.choose_csv')}
        <input
          hidden
          type="file"
          multiple={format === 'csv'}
          accept={format === 'dumpdata' ? '.json,application/json' : '.csv,text/csv'}
          onChange={pick}
          data-testid="import-files"
        />
      </Button>
      {upload?.format === 'dumpdata' && (
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="import-file-name">
          {translate('imports.page.file')}: {upload.file.name}
        </Typography>
      )}
      {upload?.format === 'csv' && <CsvMapping files={upload.files} models={models} onChange={onCsvChange} />}
    </>
  );
}

interface CsvMappingProps {
  files: CsvFile[];
  models: ImportableModule['models'];
  onChange: (index: number, change: Partial<CsvFile>) => void;
}

/** Each CSV file's model, and the field each of its columns fills. */
function CsvMapping({ files, models, onChange }: CsvMappingProps) {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="body2" color="text.secondary">
        {translate('imports.page.column_hint')}
      </Typography>
      {files.map((file, i) => (
        <Box key={file.name} sx={{ mt: 2 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <Typography variant="subtitle2" sx={{ minWidth: 180 }}>
              {file.name} · {translate('imports.page.rows')}: {file.rows}
            </Typography>
            <TextField
              select
              size="small"
              label={translate('imports.page.model')}
              value={file.model}
              onChange={(e) => onChange(i, { model: e.target.value })}
              sx={{ minWidth: 240 }}
              error={!file.model}
            >
              {models.map((m) => (
                <MenuItem key={m.model} value={m.model}>
                  {m.label} ({m.model})
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <Box
            sx={{
              mt: 1,
              display: 'grid',
              gap: 1,
              gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1fr 1fr 1fr' },
            }}
          >
            {file.headers.map((header) => (
              <TextField
                key={header}
                size="small"
                label={translate('imports.page.column_field', { header })}
                value={file.fields[header] ?? ''}
                onChange={(e) => onChange(i, { fields: { ...file.fields, [header]: e.target.value } })}
              />
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
