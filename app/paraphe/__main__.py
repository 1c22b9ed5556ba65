from paraphe.cli.main import main

raise SystemExit(main())
