import { Button, Card, CardContent, CardHeader, Grid, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { RecipeRows } from './RecipeRows.tsx';
import type { RecipeField, RecipeForm } from './recipe-form.ts';

/** One recipe of the package: its own fields, then its steps and materials as rows. */
export function RecipeCard({
  index,
  form,
  problems,
  onChange,
  onRemove,
}: {
  index: number;
  form: RecipeForm;
  problems: Record<string, string>;
  onChange: (form: RecipeForm) => void;
  onRemove?: () => void;
}) {
  const translate = useTranslate();
  const field = (name: RecipeField, label: string) => {
    const error = problems[`${index}.${name}`];
    return (
      <TextField
        fullWidth
        size="small"
        name={`recipes.${index}.${name}`}
        label={translate(`coffee.editor.${label}`)}
        value={form[name]}
        onChange={(e) => onChange({ ...form, [name]: e.target.value })}
        error={Boolean(error)}
        helperText={error}
        slotProps={{ htmlInput: { 'data-testid': `recipe-${index}-${name}` } }}
      />
    );
  };
  return (
    <Card variant="outlined" data-testid={`recipe-${index}`}>
      <CardHeader
        title={translate('coffee.editor.recipe', { n: index + 1 })}
        titleTypographyProps={{ variant: 'h6', component: 'h2' }}
        action={
          onRemove && (
            <Button color="error" onClick={onRemove}>
              {translate('coffee.editor.remove')}
            </Button>
          )
        }
      />
      <CardContent>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 4 }}>{field('name', 'name')}</Grid>
          <Grid size={{ xs: 6, md: 2 }}>{field('version', 'version')}</Grid>
          <Grid size={{ xs: 6, md: 3 }}>{field('category', 'category')}</Grid>
          <Grid size={{ xs: 12, md: 3 }}>{field('prepTimeSeconds', 'prep')}</Grid>
          <Grid size={12}>{field('description', 'description')}</Grid>
          <Grid size={12}>
            <RecipeRows index={index} form={form} problems={problems} onChange={onChange} />
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}
