import { Card, CardContent, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';

/**
 * A settings card of on/off switches (which texts go out, issue 65): a title, a hint, and one
 * checkbox per setting, each on unless its value says otherwise. Words come translated.
 */
export function SwitchesCard<K extends string>(props: {
  testId: string;
  title: string;
  hint: string;
  switches: ReadonlyArray<{ name: K; label: string; on: boolean | undefined }>;
  disabled?: boolean;
  onChange: (name: K, on: boolean) => void;
}) {
  return (
    <Card data-testid={props.testId}>
      <CardContent>
        <Typography variant="h6">{props.title}</Typography>
        <Typography variant="body2" color="text.secondary">
          {props.hint}
        </Typography>
        <Stack>
          {props.switches.map((s) => (
            <FormControlLabel
              key={s.name}
              control={
                <Checkbox
                  name={s.name}
                  checked={s.on ?? true}
                  disabled={props.disabled ?? false}
                  onChange={(e) => props.onChange(s.name, e.target.checked)}
                />
              }
              label={s.label}
            />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
