from mentorkit.cli.app import main

main()
